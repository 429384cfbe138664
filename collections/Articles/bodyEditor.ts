import { EXPERIMENTAL_TableFeature, lexicalEditor, LinkFeature } from '@payloadcms/richtext-lexical'

import type { SanitizedOptions } from '../../rules/options.js'

/**
 * The rich-text editor of an article body: Payload's default features, tables (PDQ summaries
 * are full of them), and internal links to glossary terms. The importer converts Markdown with
 * this same editor, so that nothing it produces is lost when an editor saves the article.
 */
export const createBodyEditor = (options: SanitizedOptions): ReturnType<typeof lexicalEditor> =>
  lexicalEditor({
    features: ({ defaultFeatures }) => [
      ...defaultFeatures.filter((feature) => feature.key !== 'link'),
      LinkFeature({ enabledCollections: [options.collections.glossaryTerms] }),
      EXPERIMENTAL_TableFeature(),
    ],
  })

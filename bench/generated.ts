/**
 * Generated article documents, for the import benchmark (bench/import.ts) and the development
 * server's check (scripts/devtest.mjs, which needs a first-boot import longer than the bundled
 * corpus): the reference article of the bundled corpus, varied, with a table of uneven rows,
 * glossary links (known and unknown terms) and evidence links.
 *
 *   node --import tsx bench/generated.ts FOLDER COUNT [--with-glossary]
 *
 * writes COUNT documents into FOLDER (created when missing); --with-glossary also copies the
 * bundled glossary there as nci-glossary.jsonl (the bundled corpus's layout, which the first-boot
 * import reads from FIRST_BOOT_CORPUS).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'seed', 'corpus')
const GLOSSARY = path.join(CORPUS, 'nci-glossary.jsonl')

/** Writes `count` generated documents into `folder` as generated-NNNNN.md. */
export const generateDocuments = async (folder: string, count: number): Promise<void> => {
  const reference = await readFile(path.join(CORPUS, '000_5863a9b69b1446f4.txt'), 'utf8')
  const end = reference.indexOf('\n---', 3) + 4
  const frontMatter = reference.slice(0, end)
  const paragraphs = reference.slice(end).split('\n\n')
  const glossaryIds = (await readFile(GLOSSARY, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { termId: number }).termId)
  for (let index = 0; index < count; index += 1) {
    const rotated = [...paragraphs.slice(index % paragraphs.length), ...paragraphs.slice(0, index % paragraphs.length)]
    const known = glossaryIds[index % glossaryIds.length]
    const extra = [
      `The [known term](/publications/dictionaries/cancer-terms/def/${known}) and a [new term ${index % 50}](/publications/dictionaries/cancer-terms/def/${900000 + (index % 50)}).`,
      `| Trial | Arm | Result |\n|---|---|---|\n| [NCT${String(10000000 + index).padStart(8, '0')}](https://clinicaltrials.gov/study/NCT${String(10000000 + index).padStart(8, '0')}) | A |\n| **Footnote** |\n| B | drug | [PMID ${20000000 + index}](https://pubmed.ncbi.nlm.nih.gov/${20000000 + index}/) |`,
    ]
    const text = frontMatter
      .replace(/^url: .*$/m, `url: https://www.cancer.gov/bench/generated-${index}`)
      .replace(/^title: .*$/m, `title: Generated article ${index}`)
    await writeFile(path.join(folder, `generated-${String(index).padStart(5, '0')}.md`), `${text}\n${[...rotated, ...extra].join('\n\n')}\n`)
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [folder, countText, ...flags] = process.argv.slice(2)
  const count = Number(countText)
  if (!folder || !Number.isInteger(count) || count < 0 || flags.some((flag) => flag !== '--with-glossary')) {
    process.stderr.write('usage: node --import tsx bench/generated.ts FOLDER COUNT [--with-glossary]\n')
    process.exit(2)
  }
  await mkdir(folder, { recursive: true })
  await generateDocuments(folder, count)
  if (flags.includes('--with-glossary')) await copyFile(GLOSSARY, path.join(folder, 'nci-glossary.jsonl'))
}

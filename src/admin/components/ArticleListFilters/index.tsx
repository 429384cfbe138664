'use client'
import { useAuth, useListQuery, useTranslation } from '@payloadcms/ui'
import type { CSSProperties } from 'react'

import { todayUtc } from '../../../../rules/calendarDate.js'
import { hasRole } from '../../../../rules/roles.js'
import {
  activeFilter,
  ARTICLE_LIST_FILTER_LABELS,
  ARTICLE_LIST_FILTERS,
  type ArticleListFilter,
  articleListWhere,
} from './model.js'

/** Props the plugin passes to the filters (`clientProps`). */
export interface ArticleListFiltersProps {
  /** The plugin's `dueSoonDays` option: the window of "due soon". */
  dueSoonDays?: number
}

const chip = (on: boolean): CSSProperties => ({
  background: on ? 'var(--theme-elevation-800)' : 'var(--theme-elevation-50)',
  border: '1px solid var(--theme-elevation-250)',
  borderRadius: '999px',
  color: on ? 'var(--theme-elevation-0)' : 'var(--theme-elevation-800)',
  cursor: 'pointer',
  font: 'inherit',
  fontSize: '13px',
  padding: '3px 12px',
})

/**
 * Quick filters above the articles list: in review, assigned to me (reviewers and admins), overdue
 * and due soon. Each sets the list's own query (`where` in the URL, as Payload's filter builder
 * does), so the result can be sorted, paged, refined and bookmarked; pressing it again clears it.
 */
export const ArticleListFilters = ({ dueSoonDays = 14 }: ArticleListFiltersProps) => {
  const { user } = useAuth()
  const { collectionSlug, query, refineListData } = useListQuery()
  const { t } = useTranslation()
  // The list's bulk Edit, Publish and Unpublish would speak past the workflow (bulk edit's drawer
  // publishes too): hidden here, by their labels in the admin's language. Bulk Delete stays.
  const hidden = [t('general:edit'), t('version:publish'), t('version:unpublish')]
    .map((label) => `.collection-list--${collectionSlug} .list-selection__button[aria-label=${JSON.stringify(label)}]`)
    .join(',\n')
  const context = { dueSoonDays, today: todayUtc(), userId: user?.id ?? null }
  const current = activeFilter(query?.where, context)
  const offered = ARTICLE_LIST_FILTERS.filter((filter) => filter !== 'mine' || hasRole(user, 'reviewer', 'admin'))

  const choose = (filter: ArticleListFilter) =>
    void refineListData({ page: 1, where: current === filter ? {} : articleListWhere(filter, context) })

  return (
    <div
      aria-label="Quick filters"
      data-testid="article-list-filters"
      role="group"
      style={{ alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: '8px', marginBottom: '12px' }}
    >
      <style>{`${hidden} { display: none !important; }`}</style>
      <span style={{ color: 'var(--theme-elevation-600)', fontSize: '13px' }}>Show:</span>
      <button
        aria-pressed={!hasWhere(query?.where)}
        data-filter="all"
        onClick={() => void refineListData({ page: 1, where: {} })}
        style={chip(!hasWhere(query?.where))}
        type="button"
      >
        All
      </button>
      {offered.map((filter) => (
        <button
          aria-pressed={current === filter}
          data-filter={filter}
          key={filter}
          onClick={() => choose(filter)}
          style={chip(current === filter)}
          type="button"
        >
          {ARTICLE_LIST_FILTER_LABELS[filter]}
        </button>
      ))}
    </div>
  )
}

const hasWhere = (where: unknown): boolean =>
  Boolean(where && typeof where === 'object' && Object.keys(where as object).length > 0)

'use client'
import type { DefaultCellComponentProps } from 'payload'

import { ReviewStateBadge } from './Badge.js'

/** List cell of an article's review state: overdue red, due soon amber, current green. */
export const ReviewStateCell = ({ cellData }: DefaultCellComponentProps) => <ReviewStateBadge state={cellData} />

'use client'
import type { DefaultCellComponentProps } from 'payload'

import { StatusBadge } from './Badge.js'

/** List cell of an article's workflow state: a coloured badge with a symbol and a label. */
export const StatusCell = ({ cellData }: DefaultCellComponentProps) => <StatusBadge status={cellData} />

import * as migration_20261126_184554_initial from './20261126_184554_initial';
import * as migration_20261201_013651_review_sweep_runs from './20261201_013651_review_sweep_runs';
import * as migration_20261201_014056_citation_snapshot from './20261201_014056_citation_snapshot';
import * as migration_20261201_015555_search_vectors from './20261201_015555_search_vectors';
import * as migration_20261201_022240_webhooks from './20261201_022240_webhooks';
import * as migration_20261201_044039_reviewer_desk from './20261201_044039_reviewer_desk';
import * as migration_20261201_045727_trust from './20261201_045727_trust';
import * as migration_20261201_114902_search_rank_vector from './20261201_114902_search_rank_vector';
import * as migration_20261202_025645_source_snapshot_index from './20261202_025645_source_snapshot_index';
import * as migration_20261202_030603_search_rank_index from './20261202_030603_search_rank_index';
import * as migration_20261202_043127_texts_parent_index from './20261202_043127_texts_parent_index';
import * as migration_20261202_115031_list_indexes from './20261202_115031_list_indexes';
import * as migration_20261202_131949_index_columns from './20261202_131949_index_columns';

export const migrations = [
  {
    up: migration_20261126_184554_initial.up,
    down: migration_20261126_184554_initial.down,
    name: '20261126_184554_initial',
  },
  {
    up: migration_20261201_013651_review_sweep_runs.up,
    down: migration_20261201_013651_review_sweep_runs.down,
    name: '20261201_013651_review_sweep_runs',
  },
  {
    up: migration_20261201_014056_citation_snapshot.up,
    down: migration_20261201_014056_citation_snapshot.down,
    name: '20261201_014056_citation_snapshot',
  },
  {
    up: migration_20261201_015555_search_vectors.up,
    down: migration_20261201_015555_search_vectors.down,
    name: '20261201_015555_search_vectors',
  },
  {
    up: migration_20261201_022240_webhooks.up,
    down: migration_20261201_022240_webhooks.down,
    name: '20261201_022240_webhooks',
  },
  {
    up: migration_20261201_044039_reviewer_desk.up,
    down: migration_20261201_044039_reviewer_desk.down,
    name: '20261201_044039_reviewer_desk',
  },
  {
    up: migration_20261201_045727_trust.up,
    down: migration_20261201_045727_trust.down,
    name: '20261201_045727_trust',
  },
  {
    up: migration_20261201_114902_search_rank_vector.up,
    down: migration_20261201_114902_search_rank_vector.down,
    name: '20261201_114902_search_rank_vector',
  },
  {
    up: migration_20261202_025645_source_snapshot_index.up,
    down: migration_20261202_025645_source_snapshot_index.down,
    name: '20261202_025645_source_snapshot_index',
  },
  {
    up: migration_20261202_030603_search_rank_index.up,
    down: migration_20261202_030603_search_rank_index.down,
    name: '20261202_030603_search_rank_index',
  },
  {
    up: migration_20261202_043127_texts_parent_index.up,
    down: migration_20261202_043127_texts_parent_index.down,
    name: '20261202_043127_texts_parent_index',
  },
  {
    up: migration_20261202_115031_list_indexes.up,
    down: migration_20261202_115031_list_indexes.down,
    name: '20261202_115031_list_indexes',
  },
  {
    up: migration_20261202_131949_index_columns.up,
    down: migration_20261202_131949_index_columns.down,
    name: '20261202_131949_index_columns'
  },
];

import * as migration_20261126_181008_initial from './20261126_181008_initial';

export const migrations = [
  {
    up: migration_20261126_181008_initial.up,
    down: migration_20261126_181008_initial.down,
    name: '20261126_181008_initial'
  },
];

import * as migration_20261126_180129_initial from './20261126_180129_initial';

export const migrations = [
  {
    up: migration_20261126_180129_initial.up,
    down: migration_20261126_180129_initial.down,
    name: '20261126_180129_initial'
  },
];

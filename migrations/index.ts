import * as migration_20261126_184554_initial from './20261126_184554_initial';
import * as migration_20261201_014056_citation_snapshot from './20261201_014056_citation_snapshot';

export const migrations = [
  {
    up: migration_20261126_184554_initial.up,
    down: migration_20261126_184554_initial.down,
    name: '20261126_184554_initial',
  },
  {
    up: migration_20261201_014056_citation_snapshot.up,
    down: migration_20261201_014056_citation_snapshot.down,
    name: '20261201_014056_citation_snapshot'
  },
];

import * as migration_20261126_184554_initial from './20261126_184554_initial';
import * as migration_20261201_022240_webhooks from './20261201_022240_webhooks';

export const migrations = [
  {
    up: migration_20261126_184554_initial.up,
    down: migration_20261126_184554_initial.down,
    name: '20261126_184554_initial',
  },
  {
    up: migration_20261201_022240_webhooks.up,
    down: migration_20261201_022240_webhooks.down,
    name: '20261201_022240_webhooks'
  },
];

/**
 * The plugin's name: the prefix of every error and log line it writes, the key of its options
 * on `config.custom`, its jobs queue and the prefix of its browser events and admin widget.
 */
export const PLUGIN_NAME = 'cancer-content'


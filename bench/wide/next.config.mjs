// The same data model is built exactly as the plain app (bench/plain/next.config.mjs): one config for both.
export { default } from '../plain/next.config.mjs'

# The demo app on PostgreSQL (see docker-compose.yml). Every dependency is a devDependency of this
# plugin repo, and `npm start` needs the payload CLI (tsx) for `payload migrate`, so nothing is pruned.
FROM node:22-bookworm-slim

ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
RUN chown node:node /app
USER node

COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY --chown=node:node . .
# The build loads the Payload config with a placeholder DATABASE_URL and never connects (scripts/run.mjs).
RUN npm run build

# Set after `npm ci`: with NODE_ENV=production npm would skip the devDependencies.
ENV NODE_ENV=production
ENV PORT=3000
EXPOSE 3000

# scripts/run.mjs: `payload migrate` against DATABASE_URL, then `next start` on $PORT.
CMD ["npm", "start"]

# The app image: installs the workspace, builds the SPA and the server (server/dist, which `node` could not write at run time), and runs the API (which serves the SPA).
FROM node:22-bookworm-slim
RUN npm install --global pnpm@12 && apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build
# DATA_DIR (the generated session secret): a volume mounted here starts with this folder's owner, so `node` can write.
RUN mkdir -p /app/.data && chown node:node /app/.data
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
USER node
CMD ["node", "scripts/start.mjs"]

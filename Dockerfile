# The app image: installs the workspace, builds the SPA, and runs the API (which serves it).
FROM node:22-bookworm-slim
RUN npm install --global pnpm@12 && apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
USER node
CMD ["node", "scripts/start.mjs"]

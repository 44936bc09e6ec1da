# One image for the five services and the console; docker-compose.yml picks the entry point of each.

# the console's web app, built with the development dependencies (vite, react), which the image leaves out
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && cd apps/console && npx vite build --config vite.config.mts

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/intake/package.json apps/intake/
COPY apps/dispatch/package.json apps/dispatch/
COPY apps/handling/package.json apps/handling/
COPY apps/evaluation/package.json apps/evaluation/
COPY apps/case-worker/package.json apps/case-worker/
COPY apps/console/package.json apps/console/
COPY libs/contracts/package.json libs/contracts/
COPY libs/event-store/package.json libs/event-store/
COPY libs/service-kit/package.json libs/service-kit/
COPY libs/reference/package.json libs/reference/
COPY libs/testing/package.json libs/testing/
COPY libs/auth/package.json libs/auth/
COPY libs/rules/package.json libs/rules/
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
COPY --from=web /app/apps/console/dist/web ./apps/console/dist/web
ENV NODE_ENV=production HOST=0.0.0.0
USER node

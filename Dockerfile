# One image for the API (with the built designer) and the worker; compose picks the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build:designer

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/designer/dist ./designer/dist
COPY api-contract ./api-contract
COPY flow-language ./flow-language
COPY policies ./policies
COPY platform ./platform
COPY workflows ./workflows
COPY worker ./worker
COPY server ./server
COPY emulators ./emulators
# Owned by node before the heads volume mounts here, so the API can append to it.
RUN mkdir -p /app/audit && chown node:node /app/audit
USER node
EXPOSE 8080
CMD ["node", "--import", "tsx", "server/main.ts"]

import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The layering in ARCHITECTURE.md, enforced: routes → services → repositories → db; SQL (drizzle) only in
// repositories and db/; a server domain uses another only through what it exports for others (its service,
// repository, view and the few shared modules listed below), never its routes; shared/ imports nothing from
// server/ or web/; a web feature keeps its hooks, utils and tests to itself, and shared UI knows no feature.
const restrictImports = (patterns, paths = []) => ['error', { paths, patterns }]
const drizzleOnlyInRepositories = { name: 'drizzle-orm', allowTypeImports: true, message: 'SQL lives in *-repository.ts (and db/): call a repository.' }
const otherDomainsInternals = {
  group: [
    '../*/*',
    '!../db/*',
    '!../http/*',
    '!../jobs/*',
    '!../*/*-service.ts',
    '!../*/*-repository.ts',
    '!../*/*-view.ts',
    // What domains export for others besides those: the staff guard, password hashing, API-key secrets,
    // schedule rules, the outbox, join tokens and room tickets.
    '!../users/staff.ts',
    '!../users/password.ts',
    '!../api-keys/api-key-secret.ts',
    '!../webinars/schedule-rules.ts',
    '!../webinars/registration-form-rules.ts',
    '!../webinars/slug.ts',
    '!../registrations/registration-rules.ts',
    '!../email/outbox.ts',
    '!../join/join-token.ts',
    '!../join/room-ticket.ts',
    '!../speakers/studio-token.ts',
  ],
  allowTypeImports: true,
  message: 'Another domain is used through what it exports for others (service, repository, view): not its routes or internals.',
}
const layering = [
  {
    files: ['server/src/*/*-routes.ts'],
    ignores: ['server/src/stream-emulator/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports(
        [
          otherDomainsInternals,
          { group: ['./*-repository.ts', '../*/*-repository.ts', '../db/*'], message: 'Routes call services; services call repositories.' },
        ],
        [drizzleOnlyInRepositories],
      ),
    },
  },
  {
    files: ['server/src/*/*-repository.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports([
        otherDomainsInternals,
        { group: ['./*-service.ts', './*-routes.ts', '../*/*-service.ts'], message: 'Repositories only talk to the database: they call no service or route.' },
      ]),
    },
  },
  {
    files: ['server/src/*/*.ts'],
    ignores: ['server/src/*/*-routes.ts', 'server/src/*/*-repository.ts', 'server/src/db/**', 'server/src/stream-emulator/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports(
        [otherDomainsInternals, { group: ['./*-routes.ts'], message: 'Services know nothing of HTTP routes.' }],
        [drizzleOnlyInRepositories],
      ),
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports([
        { group: ['**/server/**', '**/web/**', '@webinar/server*', '@webinar/web*'], message: 'shared/ is the contract: it imports nothing from server/ or web/.' },
      ]),
    },
  },
  {
    files: ['web/src/features/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports([
        {
          group: ['@/features/*/hooks/*', '@/features/*/utils/*', '@/features/*/test/*', '../../*/hooks/*', '../../*/utils/*', '../../*/test/*'],
          message: 'Another feature is used through its api/ and components/, not its hooks, utils or tests (or move the piece to lib/ or hooks/).',
        },
      ]),
    },
  },
  {
    files: ['web/src/components/**/*.{ts,tsx}', 'web/src/lib/**/*.{ts,tsx}', 'web/src/hooks/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports([{ group: ['@/features/*', '@/app/*'], message: 'Shared UI and helpers know no feature.' }]),
    },
  },
]

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'migrations/**', 'e2e/screenshots/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['scripts/**', 'bench/**', '**/*.test.ts', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
  ...layering,
)

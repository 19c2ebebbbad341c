// One linter for the workspace: typescript-eslint with type information, so
// that floating promises and unsafe `any` are caught, not just style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const RESTRICTED_EVERYWHERE = [
  {
    selector: "MemberExpression[object.name='process'][property.name='env']",
    message: 'Read configuration in services/api/src/config.ts only.',
  },
];

/** pool.query(…), client.query(…), db.execute(…): a statement written in the service instead of packages/db. */
const SQL_IN_SERVICE = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(query|execute)$/]",
  message: 'SQL lives in packages/db: add or use a repository function there.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**', '.data/**', 'migrations/**', 'coverage/**', 'dist/**',
      // Built or generated, never edited: the pages' bundles (pnpm build:web) and the API's types (pnpm api:client).
      'services/api/src/web/dist/**', 'packages/api-client/src/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Each file is checked with the tsconfig nearest to it: the pages' browser code
      // (services/api/src/web/browser) with its own, which has the DOM's types and not Node's.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Fastify handlers and hooks are async by convention, with or without an await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected Clock (packages/domain/src/clock.ts).' },
      ],
      'no-restricted-syntax': ['error', ...RESTRICTED_EVERYWHERE],
    },
  },
  {
    // SQL lives in packages/db (issue 15, point 5): the service reaches the database only through its repositories.
    files: ['services/api/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: 'SQL lives in packages/db: add or use a repository function there.' },
            { name: 'pg', message: 'SQL lives in packages/db: add or use a repository function there.' },
            { name: '@veilig-samen/db', importNames: ['schema'], message: 'Tables are read in packages/db: add or use a repository function there.' },
          ],
          patterns: [{ group: ['drizzle-orm/*'], message: 'SQL lives in packages/db.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...RESTRICTED_EVERYWHERE,
        SQL_IN_SERVICE,
      ],
    },
  },
  {
    // A route file is schema + access rule + one use-case call (issue 15): no SQL,
    // no transactions. Data access lives in packages/db, called from the use-cases.
    files: ['services/api/src/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@veilig-samen/db', message: 'Routes call a use-case (services/api/src/<resource>/use-cases.ts); SQL lives in packages/db.' },
            { name: 'drizzle-orm', message: 'Routes call a use-case; SQL lives in packages/db.' },
            { name: 'pg', message: 'Routes call a use-case; SQL lives in packages/db.' },
          ],
          patterns: [{ group: ['drizzle-orm/*', '@veilig-samen/db/*'], message: 'Routes call a use-case; SQL lives in packages/db.' }],
        },
      ],
      // The access log is written by the helpers of plugins/access-log.ts, never marked by hand (issue 15, point 3).
      'no-restricted-syntax': [
        'error',
        ...RESTRICTED_EVERYWHERE,
        SQL_IN_SERVICE,
        {
          // Who acted and how (break-the-glass, a substitute) decides how a row reads: only the helpers set it.
          selector: "AssignmentExpression > MemberExpression.left[property.name=/^(logged|inTransaction|breakGlass|substituteFor|substituteForCase)$/]",
          message: 'Routes do not mark the access log by hand: use the helpers of plugins/access-log.ts (auditInTransaction, auditRowsOfChange, auditActor, auditCaseList, auditBreakGlass).',
        },
      ],
    },
  },
  {
    // Tests and tools may read the environment and the real time (JWT expiry, test database choice).
    files: ['tests/**', 'bench/**', '**/*.test.ts', 'services/api/src/main.ts', 'services/api/src/scripts/**', '*.config.ts', 'packages/db/drizzle.config.ts'],
    rules: { 'no-restricted-syntax': 'off', 'no-restricted-properties': 'off' },
  },
  {
    // inject()'s response.json() is `any` by design; tests assert on its shape.
    files: ['tests/**', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);

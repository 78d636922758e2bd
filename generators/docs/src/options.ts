/** Options of the docs generator (taxonomy.yaml `generators.docs.options`). */
export interface DocsOptions {
  /** Heading of the catalog's index and title of the site. Empty: `<taxonomy name> event catalog`. Default: ''. */
  title?: string;
}

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: 'string', default: '', maxLength: 200, description: 'Heading of the catalog index and title of the site; empty means "<taxonomy name> event catalog".' },
  },
} as const;

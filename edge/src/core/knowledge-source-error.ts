/** A source file the knowledge base cannot use, with where and why. */
export class KnowledgeSourceError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
    this.name = 'KnowledgeSourceError';
  }
}

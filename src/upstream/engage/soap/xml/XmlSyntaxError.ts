/** A document the SOAP reply reader refuses: not well-formed, or using what SOAP forbids (DTDs). */
export class XmlSyntaxError extends Error {
  constructor(reason: string) {
    super(`XML refused: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

/** The part of sax's API the XML parser comparison uses (the package ships no types). */
declare module 'sax' {
  interface QualifiedTag {
    name: string;
    local: string;
    uri: string;
  }
  interface SAXParser {
    onopentag: (tag: QualifiedTag) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onclosetag: (name: string) => void;
    ondoctype: (doctype: string) => void;
    onerror: (error: Error) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }
  const sax: {
    parser(strict: boolean, options: { xmlns: boolean; position?: boolean }): SAXParser;
  };
  export default sax;
}

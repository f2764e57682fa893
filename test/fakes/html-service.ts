// An in-memory HtmlService: records every output made, its content, title, size and meta tags,
// and rejects what the real one rejects (a size that is not a positive whole number of pixels, a
// meta tag other than the few HtmlService honours, content that is not text).

/** The only meta tags `addMetaTag` accepts; those written in the content itself are ignored. */
export const ALLOWED_META_TAGS = ['viewport', 'apple-mobile-web-app-capable', 'mobile-web-app-capable'];

function invalidArgument(what: string): Error {
  return new Error(`Invalid argument: ${what}`);
}

export class FakeHtmlOutput {
  title = '';
  width: number | null = null;
  height: number | null = null;
  readonly metaTags: { readonly name: string; readonly content: string }[] = [];

  constructor(private content: string) {}

  getContent(): string {
    return this.content;
  }

  append(addedContent: string): FakeHtmlOutput {
    if (typeof addedContent !== 'string') throw invalidArgument('addedContent');
    this.content += addedContent;
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): FakeHtmlOutput {
    if (typeof title !== 'string') throw invalidArgument('title');
    this.title = title;
    return this;
  }

  getWidth(): number | null {
    return this.width;
  }

  setWidth(width: number): FakeHtmlOutput {
    if (!Number.isInteger(width) || width <= 0) throw invalidArgument('width');
    this.width = width;
    return this;
  }

  getHeight(): number | null {
    return this.height;
  }

  setHeight(height: number): FakeHtmlOutput {
    if (!Number.isInteger(height) || height <= 0) throw invalidArgument('height');
    this.height = height;
    return this;
  }

  addMetaTag(name: string, content: string): FakeHtmlOutput {
    if (!ALLOWED_META_TAGS.includes(name))
      throw invalidArgument(`name (meta tag «${name}» is not supported)`);
    this.metaTags.push({ name, content });
    return this;
  }
}

export class FakeHtmlService {
  /** Every output created, in order. */
  readonly outputs: FakeHtmlOutput[] = [];

  createHtmlOutput(html?: unknown): FakeHtmlOutput {
    if (html !== undefined && typeof html !== 'string') throw invalidArgument('html');
    const output = new FakeHtmlOutput(html ?? '');
    this.outputs.push(output);
    return output;
  }
}

/** The fake seen through Apps Script's types. */
export function asHtmlService(fake: FakeHtmlService): GoogleAppsScript.HTML.HtmlService {
  return fake as unknown as GoogleAppsScript.HTML.HtmlService;
}

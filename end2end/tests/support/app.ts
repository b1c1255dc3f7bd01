// The `test` every spec uses: Playwright's, plus an `app` helper that knows the debugger's pages.
import { test as base, expect, type Locator, type Page, type Response } from '@playwright/test';

declare global {
  interface Window {
    __tdbgHydrated?: boolean;
  }
}

/**
 * Runs before the page's own scripts. The page loads its WASM bundle and then calls
 * `hydrate()` in the same chain of promise callbacks; a timer started when the WASM
 * module is instantiated therefore fires only after `hydrate()` has run.
 */
const HYDRATION_PROBE = `(() => {
  const mark = (promise) => promise.then((result) => {
    setTimeout(() => { window.__tdbgHydrated = true; }, 0);
    return result;
  });
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) WebAssembly.instantiateStreaming = function (...args) { return mark(streaming.apply(this, args)); };
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...args) { return mark(plain.apply(this, args)); };
})();`;

/** Reports every Content-Security-Policy violation of the page as a console error. */
const CSP_PROBE = `document.addEventListener('securitypolicyviolation', (event) => {
  console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code') +
    ' at ' + event.sourceFile + ':' + event.lineNumber);
});`;

export class App {
  /** Uncaught exceptions and console errors of the page, for failure messages. */
  private readonly errors: string[] = [];

  constructor(
    readonly page: Page,
    readonly javaScriptEnabled: boolean,
  ) {
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console.error: ${message.text()}`);
    });
  }

  /**
   * Opens a page by URL (a full document load) and, when JavaScript is on, waits until the
   * WASM bundle has hydrated it, so later clicks and form submits go through the client router.
   */
  async goto(path: string): Promise<Response> {
    const response = await this.page.goto(path);
    if (!response) throw new Error(`no response for ${path}`);
    if (this.javaScriptEnabled) await this.hydrated();
    return response;
  }

  /** The page's uncaught exceptions and console errors so far. */
  get pageErrors(): string[] {
    return [...this.errors];
  }

  async hydrated(): Promise<void> {
    try {
      await this.page.waitForFunction(() => window.__tdbgHydrated === true, undefined, { timeout: 15_000 });
    } catch (error) {
      const wasm = await this.page
        .evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => /\.(wasm|js)(\?|$)/.test(entry.name))
            .map((entry) => `${entry.name} (${Math.round(entry.duration)} ms)`),
        )
        .catch(() => []);
      throw new Error(
        `${this.page.url()} did not hydrate: its WASM module was never instantiated.\n` +
          `  scripts loaded: ${wasm.join(', ') || 'none'}\n` +
          `  errors: ${this.errors.join('\n          ') || 'none'}\n` +
          `  (${error})`,
      );
    }
  }

  // ---- workflow list -------------------------------------------------------------------

  get workflowRows(): Locator {
    return this.page.locator('table.workflows-table > tbody > tr');
  }

  /** The list row of one run (matched by its run-ID link). */
  rowOfRun(runId: string): Locator {
    return this.workflowRows.filter({ has: this.page.getByRole('link', { name: runId, exact: true }) });
  }

  get queryBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Visibility query' });
  }

  get searchButton(): Locator {
    return this.page.getByRole('button', { name: 'Search', exact: true });
  }

  get statusCounts(): Locator {
    return this.page.getByRole('list', { name: 'Executions by status' });
  }

  // ---- run page ------------------------------------------------------------------------

  get runHeading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The heading block: status and workflow ID, then workflow type and run ID. */
  get runHeader(): Locator {
    return this.page.locator('.run-header');
  }

  get summary(): Locator {
    return this.page.getByRole('region', { name: 'Summary' });
  }

  /** The value (`<dd>`) of a fact in the summary panel, by its label (`<dt>`). */
  fact(label: string): Locator {
    return this.summary.locator(`xpath=.//dt[normalize-space(.)=${xpathString(label)}]/following-sibling::dd[1]`);
  }

  get input(): Locator {
    return this.page.getByRole('region', { name: 'Input', exact: true });
  }

  /** The outcome panel: its heading is "Result" or "Failure". */
  outcome(heading: 'Result' | 'Failure'): Locator {
    return this.page.getByRole('region', { name: heading, exact: true });
  }

  get eventRows(): Locator {
    return this.page.locator('table.events-table > tbody > tr[id^="event-"]');
  }

  event(id: number): Locator {
    return this.page.locator(`tr#event-${id}`);
  }

  // ---- errors --------------------------------------------------------------------------

  get alert(): Locator {
    return this.page.getByRole('alert');
  }
}

function xpathString(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `concat(${value.split('"').map((part) => `"${part}"`).join(`, '"', `)})`;
}

export const test = base.extend<{ app: App }>({
  page: async ({ page }, use) => {
    await page.addInitScript(HYDRATION_PROBE);
    await page.addInitScript(CSP_PROBE);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().startsWith('CSP violation: ')) violations.push(message.text());
    });
    await use(page);
    // Every spec, JavaScript on: the page's own scripts, WASM and payloads keep to the policy.
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
  app: async ({ page, javaScriptEnabled }, use) => {
    await use(new App(page, javaScriptEnabled ?? true));
  },
});

export { expect };

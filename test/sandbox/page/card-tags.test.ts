import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTemplates, templateText } from '../../../src/cards/shared/template.js';
import { collectTags, ELEMENT_TAGS, SUPPORTED_TAGS } from '../../../src/sandbox/page/client/supported-tags.js';

// The local chat page and cards/ must not drift apart: every tag a template uses is one the page
// draws (the renderer's tables are typed by the same list, so tsc checks the other direction).

describe('card tags the sandbox page draws', () => {
  it('covers every element of every template in cards/', () => {
    const templates = listTemplates();
    expect(templates.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const name of templates) {
      for (const tag of collectTags(JSON.parse(templateText(name))))
        if (!SUPPORTED_TAGS.includes(tag)) missing.push(`${name}.json: ${tag}`);
    }
    expect(missing, 'tags in cards/ the sandbox page cannot draw (add a renderer in src/sandbox/page/client)').toEqual(
      [],
    );
  });

  it('the browser test card uses every element the page draws, so each renderer is exercised', () => {
    const card = JSON.parse(fs.readFileSync(path.resolve('test/fixtures/cards/kitchen-sink.json'), 'utf8')) as unknown;
    const used = collectTags(card);
    expect(ELEMENT_TAGS.filter((t) => !used.has(t))).toEqual([]);
  });

  it('collects tags at any depth and ignores text that merely looks like one', () => {
    const tags = collectTags({
      body: {
        elements: [
          { tag: 'form', elements: [{ tag: 'input', label: { tag: 'plain_text', content: 'tag' } }] },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder-looking string is the point of the test
          '${list}',
        ],
      },
    });
    expect([...tags].sort()).toEqual(['form', 'input', 'plain_text']);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { markdownToHtml, markdownToText } from '../../src/platform/html/markdown.js';
import { jsonForScript } from '../../src/platform/html/render.js';
import { TextField } from '../../src/platform/html/components.js';
import { redactUrl } from '../../src/platform/http/log-redaction.js';

describe('HTML output is escaped by default', () => {
  test('component text and attributes are escaped', () => {
    const html = render(<TextField name="lab" label={'<b>Lab</b>'} value={'"><script>alert(1)</script>'} error="x & y" />);
    assert.doesNotMatch(html, /<script>|<b>/);
    assert.match(html, /&lt;b>Lab&lt;\/b>|&lt;b&gt;Lab&lt;\/b&gt;/);
    assert.match(html, /value="&quot;>&lt;script>|value="&quot;&gt;&lt;script&gt;/);
    assert.match(html, /aria-describedby="error-lab"/);
  });

  test('Markdown shows raw HTML as text and drops script links', () => {
    const html = markdownToHtml('<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://citylab-berlin.org)');
    assert.doesNotMatch(html, /<img|href="javascript/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /<a href="https:\/\/citylab-berlin.org" rel="noreferrer">b<\/a>/);
  });

  test('the gender star stays a star; emphasis still works', () => {
    const html = markdownToHtml('Mit Bürger*innen und Kooperationspartner*innen, **wirklich** *allen*. `a*b*c`');
    assert.match(html, /Mit Bürger\*innen und Kooperationspartner\*innen, <strong>wirklich<\/strong> <em>allen<\/em>\. <code>a\*b\*c<\/code>/);
    assert.equal(markdownToText('Bürger*innen und **fett**'), 'Bürger*innen und fett');
  });

  test('JSON in a script block cannot close the block', () => {
    const json = jsonForScript({ name: '</script><script>alert(1)</script>' });
    assert.doesNotMatch(json, /<\/script>/);
    assert.equal(JSON.parse(json).name, '</script><script>alert(1)</script>');
  });

  test('tokens in request URLs are masked before they reach the log', () => {
    assert.equal(redactUrl('/admin/login/gxwPG-w3Sp2XR2eObCFEMK5YXdIONUcTVa-w2Yahyaw'), '/admin/login/[token]');
    assert.equal(redactUrl('/events/labcamp-2020?lang=en'), '/events/labcamp-2020?[query]');
  });
});

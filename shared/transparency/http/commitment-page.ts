import type { PolicyLanguage } from '#shared/transparency/domain/privacy-policy.ts';
import { escapeHtml } from '#shared/http/html.ts';
import type { Figure, Verdict } from '#shared/transparency/domain/commitments.ts';
import type { Scorecard } from '#shared/transparency/use-cases/read-scorecard.ts';

/**
 * The scorecard as a public HTML page: one table of the promises (target, live figure, verdict,
 * since when) and one table of their verdicts quarter by quarter. Plain HTML and a little CSS, no
 * script: it reads the same in any browser and to a screen reader. Every value is escaped.
 */

const labels = {
  en: {
    title: 'Our promises, kept or not',
    intro: (quarter: string, readAt: string) => `Figures of ${quarter} to date, read at ${readAt} (UTC). Each verdict holds since the time shown.`,
    promise: 'Promise',
    target: 'Target',
    figure: 'Now',
    verdict: 'Verdict',
    since: 'Since',
    history: 'By quarter',
    historyCaption: 'The verdict of each promise in each quarter (at the last hourly check; final once the quarter ended)',
    quarter: 'Quarter',
    provisional: '(to date)',
    none: 'none yet',
    verdicts: { kept: 'Kept', 'not-kept': 'Not kept', 'not-yet-measurable': 'Not yet measurable' },
  },
  'zh-CN': {
    title: '我们的承诺：是否兑现',
    intro: (quarter: string, readAt: string) => `${quarter} 截至目前的数据，读取于 ${readAt}（UTC）。每项结论自所示时间起成立。`,
    promise: '承诺',
    target: '目标',
    figure: '当前',
    verdict: '结论',
    since: '起始时间',
    history: '按季度',
    historyCaption: '每项承诺在各季度的结论（以最后一次每小时检查为准；季度结束后为最终结论）',
    quarter: '季度',
    provisional: '（截至目前）',
    none: '暂无',
    verdicts: { kept: '已兑现', 'not-kept': '未兑现', 'not-yet-measurable': '尚无法衡量' },
  },
} as const;

const figureText = (figure: Figure, none: string): string => {
  if (figure.value === null) return none;
  if (figure.unit === 'share') return `${(figure.value * 100).toFixed(1)}%`;
  return figure.unit === 'version' ? `v${figure.value}` : String(figure.value);
};

const verdictCell = (verdict: Verdict, language: PolicyLanguage) =>
  `<td class="verdict ${verdict}" data-verdict="${verdict}">${escapeHtml(labels[language].verdicts[verdict])}</td>`;

const promiseRows = (scorecard: Scorecard, language: PolicyLanguage) =>
  scorecard.promises
    .map((p) => {
      const l = labels[language];
      return `<tr id="${p.id}"><th scope="row">${escapeHtml(p.promise[language])}</th><td>${escapeHtml(figureText(p.target, l.none))}</td><td class="figure">${escapeHtml(
        figureText(p.figure, l.none),
      )}</td>${verdictCell(p.verdict, language)}<td><time datetime="${escapeHtml(p.since)}">${escapeHtml(p.since)}</time></td></tr>`;
    })
    .join('\n');

const historyTable = (scorecard: Scorecard, language: PolicyLanguage) => {
  const l = labels[language];
  const quarters = [...new Set(scorecard.promises.flatMap((p) => p.history.map((h) => h.quarter)))].sort().reverse();
  const head = quarters.map((q) => `<th scope="col">${escapeHtml(q)}</th>`).join('');
  const rows = scorecard.promises.map((p) => {
    const cells = quarters.map((q) => {
      const entry = p.history.find((h) => h.quarter === q);
      if (!entry) return `<td>${escapeHtml(l.none)}</td>`;
      const text = `${l.verdicts[entry.verdict]} (${figureText(entry.figure, l.none)})${entry.final ? '' : ` ${l.provisional}`}`;
      return `<td class="verdict ${entry.verdict}" data-verdict="${entry.verdict}">${escapeHtml(text)}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(p.promise[language])}</th>${cells.join('')}</tr>`;
  });
  return `<table id="history"><caption>${escapeHtml(l.historyCaption)}</caption><thead><tr><th scope="col">${escapeHtml(l.promise)}</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
};

const STYLE =
  'body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin:1rem 0 2rem}' +
  'th,td{border:1px solid #767676;padding:.4rem .6rem;text-align:left}caption{text-align:left;font-weight:600;padding:.4rem 0}' +
  '.kept{background:#e6f4ea}.not-kept{background:#fce8e6}.not-yet-measurable{background:#f1f3f4}';

/** The whole page in `language` (`lang` set on the document). */
export const scorecardPage = (scorecard: Scorecard, language: PolicyLanguage): string => {
  const l = labels[language];
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(l.title)}</title><style>${STYLE}</style></head>
<body>
<main>
<h1>${escapeHtml(l.title)}</h1>
<p>${escapeHtml(l.intro(scorecard.quarter, scorecard.readAt))}</p>
<table id="promises"><caption>${escapeHtml(l.title)}</caption>
<thead><tr><th scope="col">${escapeHtml(l.promise)}</th><th scope="col">${escapeHtml(l.target)}</th><th scope="col">${escapeHtml(l.figure)}</th><th scope="col">${escapeHtml(l.verdict)}</th><th scope="col">${escapeHtml(l.since)}</th></tr></thead>
<tbody>
${promiseRows(scorecard, language)}
</tbody></table>
<h2>${escapeHtml(l.history)}</h2>
${historyTable(scorecard, language)}
</main>
</body>
</html>
`;
};

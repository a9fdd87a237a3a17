// The quality page: score trend over the whole history, the latest day's per-rule table and its alerts.

import type { QualityAlert, QualityView } from '../readers/quality.js';
import { badge, chart, count, el, figures, loadJob, panel, percent, table } from './common.js';

function render(main: HTMLElement, view: QualityView): void {
  const { latest } = view;
  main.append(
    figures([
      ['Latest date', latest.date],
      ['Quality score', percent(latest.score)],
      ['Previous day', percent(view.previousScore)],
      ['Checks passed', percent(latest.checksPassRate)],
      ['Records analyzed', count(latest.records)],
      ['Alerts', count(view.alerts.length)],
    ]),
    panel('Score trend', [
      chart('quality-trend', {
        type: 'line',
        data: {
          labels: view.history.map((day) => day.date),
          datasets: [
            {
              label: 'Quality score %',
              data: view.history.map((day) => day.score),
              borderColor: '#2463eb',
              backgroundColor: '#2463eb',
              tension: 0.2,
            },
          ],
        },
        options: { scales: { y: { suggestedMin: 0, suggestedMax: 100 } } },
      }),
    ]),
    panel(`Rule results, ${latest.date}`, [
      table(
        [
          'Rule',
          'Name',
          { title: 'Passed', numeric: true },
          { title: 'Failed', numeric: true },
          { title: 'Score', numeric: true },
          'Severity',
        ],
        latest.rules.map((rule) => [
          rule.id,
          rule.name,
          count(rule.passed),
          count(rule.failed),
          percent(rule.score),
          badge(rule.severity || 'n/a'),
        ]),
        'No per-rule results in the history for this day.',
      ),
    ]),
    panel(`Alerts, ${latest.date}`, [
      table(
        ['Alert', 'Severity', 'Rule', 'Message', 'Affected records', 'Action'],
        view.alerts.map((alert) => [
          alert.id,
          badge(alert.severity),
          alert.ruleId,
          alert.message,
          affectedText(alert),
          alert.action,
        ]),
        'No alerts.',
      ),
    ]),
  );
  if (view.reportFile)
    main.append(el('p', { className: 'muted' }, ['Text report: ', el('code', { text: view.reportFile })]));
}

/** The affected record ids, with "... and N more" when the alert lists only the first ones. */
function affectedText(alert: QualityAlert): string {
  const more = alert.affectedCount - alert.affectedRecords.length;
  return alert.affectedRecords.join(', ') + (more > 0 ? ` … and ${count(more)} more` : '');
}

void loadJob('quality', render);

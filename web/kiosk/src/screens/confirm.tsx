import type { Ui } from '../app.js';
import { yen } from '../messages.js';
import { certName, type Request } from './choose.js';
import { CancelButton } from './start.js';

// Step 6: every choice and the fee on one screen, with the seed's no-refund notice.

const describe = (ui: Ui, r: Request): string[] => {
  const out: string[] = [];
  const sep = ui.lang === 'ja' ? '：' : ': ';
  const choices = ui.state.choices;
  const names = (ids: string[] | undefined, list: { id: string; name: string }[] = []) =>
    (ids ?? []).map((id) => list.find((p) => p.id === id)?.name ?? id).join(ui.lang === 'ja' ? '、' : ', ');
  if (r.scope === 'self') out.push(`${ui.t('scope')}${sep}${ui.t('scopeSelf')}`);
  if (r.scope === 'household')
    out.push(
      `${ui.t('scope')}${sep}${ui.t('scopeHousehold')}（${names(
        choices?.household.map((p) => p.id),
        choices?.household,
      )}）`,
    );
  if (r.scope === 'members') out.push(`${ui.t('scope')}${sep}${names(r.members, choices?.household)}`);
  if (r.kind === 'all')
    out.push(`${ui.t('kosekiKind')}${sep}${ui.t(r.cert === 'koseki' ? 'kosekiAll' : 'fuhyoAll')}`);
  if (r.kind === 'individual')
    out.push(
      `${ui.t('kosekiKind')}${sep}${ui.t(r.cert === 'koseki' ? 'kosekiIndividual' : 'fuhyoIndividual')}（${names(r.members, choices?.koseki)}）`,
    );
  if (r.householder !== undefined)
    out.push(`${ui.t('householder')}${sep}${ui.t(r.householder ? 'include' : 'exclude')}`);
  if (r.honseki !== undefined) out.push(`${ui.t('honseki')}${sep}${ui.t(r.honseki ? 'include' : 'exclude')}`);
  return out;
};

export const ConfirmScreen = ({ ui }: { ui: Ui }) => {
  const { quote, requests, choices } = ui.state;
  if (!quote || !requests) return null;
  return (
    <div class="panel">
      <h1 id="screen-title">{ui.t('confirmTitle')}</h1>
      <table class="summary">
        <tbody>
          {quote.lines.map((line, i) => {
            const r = requests[i];
            const c = choices?.certificates.find((x) => x.cert === line.cert);
            return (
              <>
                <tr key={`c${i}`}>
                  <th scope="row">{ui.t('confirmCert')}</th>
                  <td class="strong">{c ? certName(ui, c) : line.nameJa}</td>
                </tr>
                {r && describe(ui, r).length ? (
                  <tr key={`o${i}`}>
                    <th scope="row">{ui.t('confirmOptions')}</th>
                    <td>
                      {describe(ui, r).map((d) => (
                        <div key={d}>{d}</div>
                      ))}
                    </td>
                  </tr>
                ) : null}
                <tr key={`n${i}`}>
                  <th scope="row">{ui.t('confirmCopies')}</th>
                  <td>{ui.t('copiesValue', { n: line.copies })}</td>
                </tr>
                <tr key={`f${i}`}>
                  <th scope="row">{ui.t('confirmFee')}</th>
                  <td>
                    {yen(ui.lang, line.feeEach)} × {line.copies} = {yen(ui.lang, line.subtotal)}
                  </td>
                </tr>
                <tr key={`m${i}`}>
                  <th scope="row">{ui.t('confirmIssuer')}</th>
                  <td>{line.municipality}</td>
                </tr>
              </>
            );
          })}
          <tr class="total">
            <th scope="row">{ui.t('confirmTotal')}</th>
            <td>{yen(ui.lang, quote.totalYen)}</td>
          </tr>
        </tbody>
      </table>
      <p class="warning" role="note">
        {ui.t('noRefund')}
      </p>
      <div class="actions">
        <CancelButton ui={ui} />
        <button type="button" class="secondary" onClick={() => void ui.send({ type: 'back' })}>
          {ui.t('fix')}
        </button>
        <button type="button" class="primary" onClick={() => void ui.send({ type: 'confirm', yes: true })}>
          {ui.t('confirmOk')}
        </button>
      </div>
    </div>
  );
};

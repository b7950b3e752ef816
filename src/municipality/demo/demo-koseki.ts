import type { DatedEvent } from '../../domain/documents.js';
import { addDays, type PlainDate } from '../../domain/japan-time.js';
import type { BulkWriter } from '../../registers/index.js';
import { HOUSEHOLDS, KOSEKI } from './demo-households.js';
import { demoMemberId, demoResidentId, KAMIGORI, PEOPLE, TENKYO_ADDRESS } from './demo-people.js';

/** The later of two ISO dates. */
const later = (a: string, b: string): string => (a > b ? a : b);

const birthEvent = (birth: string, place: string, by: string): DatedEvent => ({
  date: birth,
  label: '出生',
  detail: `【出生地】${place} 【届出日】${addDays(birth, 7)} 【届出人】${by}`,
});

/** Writes the 戸籍 of the demo people (with 身分事項) and their 附票 address histories. */
export const writeDemoKoseki = (w: BulkWriter, today: PlainDate): void => {
  for (const k of KOSEKI) {
    const members = PEOPLE.filter((p) => p.koseki === k.key || (k.key === 'kamigori' && p.key === 'sakura'));
    const events: DatedEvent[] =
      k.key === 'kamigori-sakura'
        ? [
            {
              date: k.created,
              label: '戸籍編製',
              detail: `【編製事由】分籍 【従前本籍】${k.honseki} 筆頭者 上郡 太郎`,
            },
          ]
        : [{ date: k.created, label: '戸籍編製', detail: '【編製事由】婚姻' }];
    w.add('koseki', {
      id: `kos-${k.key}`,
      municipality_code: KAMIGORI,
      honseki: k.honseki,
      hittosha: k.hittosha,
      notification_pending: k.key === 'kamigori-sakura' ? 1 : 0,
      events: JSON.stringify(events),
    });
    let pos = 0;
    for (const o2 of k.others ?? []) {
      const mid = `km-${k.key}-${pos}`;
      w.add('koseki_members', {
        id: mid,
        koseki_id: `kos-${k.key}`,
        position: pos++,
        resident_id: null,
        name: o2.name,
        kana: o2.kana,
        relationship: o2.relationship ?? null,
        birth_date: o2.birth,
        sex: o2.sex,
        father: null,
        mother: null,
        events: JSON.stringify([
          birthEvent(o2.birth, '兵庫県赤穂郡上郡町', '父'),
          {
            date: k.created,
            label: '婚姻',
            detail: `【配偶者氏名】${(k.others ?? []).find((x) => x.name !== o2.name)?.name ?? ''} 【届出人】夫 妻`,
          },
        ]),
        removed: 0,
        removed_on: null,
      });
      w.add('fuhyo_addresses', {
        id: `${mid}-a0`,
        koseki_member_id: mid,
        position: 0,
        address: `${k.honseki}`,
        since: k.created,
      });
    }
    for (const p of members) {
      const movedOutBySplit = k.key === 'kamigori' && p.key === 'sakura';
      const mid = movedOutBySplit ? `km-sakura-old` : demoMemberId(p.key);
      const evs: DatedEvent[] = [
        birthEvent(
          p.birth,
          p.key === 'yoshida' ? '兵庫県赤穂郡上郡町' : '兵庫県相生市',
          p.sex === '男' && p.relationship === '世帯主' ? '父' : '母',
        ),
      ];
      if (p.key === 'taro' || p.key === 'hanako')
        evs.push({
          date: '2002-06-01',
          label: '婚姻',
          detail:
            p.key === 'taro'
              ? '【配偶者氏名】上郡 花子 【従前戸籍】兵庫県赤穂郡上郡町大持278番地 上郡 一 '
              : '【配偶者氏名】上郡 太郎 【従前戸籍】兵庫県相生市那波本町1番 播磨 恒夫',
        });
      if (p.key === 'sakura')
        evs.push({
          date: '2024-04-01',
          label: '分籍',
          detail: movedOutBySplit
            ? '【届出日】令和6年4月1日 【新本籍】兵庫県赤穂郡上郡町大持278番地'
            : '【従前戸籍】兵庫県赤穂郡上郡町大持278番地 上郡 太郎',
        });
      if (p.key === 'shibou')
        evs.push({
          date: addDays(today, -12),
          label: '死亡',
          detail: '【死亡地】兵庫県赤穂郡上郡町 【届出人】親族 高田 和江',
        });
      const relationship = p.key === 'sakura' && movedOutBySplit ? '長女' : (p.kosekiRelationship ?? null);
      const father =
        p.key === 'ichiro' || p.key === 'sakura' ? '上郡 太郎' : p.key === 'shizuka' ? '赤松 正雄' : null;
      const mother = p.key === 'ichiro' || p.key === 'sakura' ? '花子' : p.key === 'shizuka' ? '和子' : null;
      w.add('koseki_members', {
        id: mid,
        koseki_id: `kos-${k.key}`,
        position: pos++,
        resident_id: movedOutBySplit ? null : demoResidentId(p.key),
        name: p.name,
        kana: p.kana,
        relationship: movedOutBySplit || p.key !== 'sakura' ? relationship : null,
        birth_date: p.birth,
        sex: p.sex,
        father,
        mother,
        events: JSON.stringify(evs),
        removed: movedOutBySplit || p.key === 'shibou' ? 1 : 0,
        removed_on: movedOutBySplit ? '2024-04-01' : p.key === 'shibou' ? addDays(today, -10) : null,
      });
      const h = HOUSEHOLDS.find((x) => x.key === p.household)!;
      let ap = 0;
      if (h.previousAddress && p.birth < h.since)
        w.add('fuhyo_addresses', {
          id: `${mid}-a${ap}`,
          koseki_member_id: mid,
          position: ap++,
          address: h.previousAddress,
          since: p.birth,
        });
      w.add('fuhyo_addresses', {
        id: `${mid}-a${ap}`,
        koseki_member_id: mid,
        position: ap++,
        address: h.address,
        since: later(p.birth, h.since),
      });
      if (p.key === 'tenkyo')
        w.add('fuhyo_addresses', {
          id: `${mid}-a${ap}`,
          koseki_member_id: mid,
          position: ap++,
          address: TENKYO_ADDRESS,
          since: addDays(today, -2),
        });
    }
  }
};

// The households and 戸籍 of the demo people (SPEC §10a): addresses in 上郡町 and 相生市.

import { AIOI, AO, KAMIGORI, KG } from './demo-people.js';

export interface DemoHousehold {
  key: string;
  municipality: string;
  address: string;
  /** 住所を定めた年月日 of the household. */
  since: string;
  previousAddress?: string;
}

export interface DemoKoseki {
  key: string;
  honseki: string;
  hittosha: string;
  created: string;
  /** Extra members not in the demo (e.g. a parent living elsewhere). */
  others?: { name: string; kana: string; birth: string; sex: '男' | '女'; relationship?: string }[];
}

export const HOUSEHOLDS: DemoHousehold[] = [
  {
    key: 'kamigori',
    municipality: KAMIGORI,
    address: `${KG}大持278番地`,
    since: '2002-06-01',
    previousAddress: `${AO}旭1丁目5番10号`,
  },
  {
    key: 'akamatsu',
    municipality: KAMIGORI,
    address: `${KG}上郡123番地の4`,
    since: '2019-04-01',
    previousAddress: '岡山県岡山市北区本町2番3号',
  },
  { key: 'takemoto', municipality: KAMIGORI, address: `${KG}竹万1021番地`, since: '2010-10-01' },
  { key: 'nitta', municipality: KAMIGORI, address: `${KG}山野里2345番地の1`, since: '2015-05-20' },
  { key: 'inoue', municipality: KAMIGORI, address: `${KG}井上56番地`, since: '2018-03-01' },
  { key: 'okada', municipality: KAMIGORI, address: `${KG}岩木甲800番地`, since: '2001-07-07' },
  { key: 'mori', municipality: KAMIGORI, address: `${KG}与井402番地`, since: '1995-11-11' },
  { key: 'takada', municipality: KAMIGORI, address: `${KG}苔縄12番地`, since: '1980-04-01' },
  {
    key: 'otani',
    municipality: KAMIGORI,
    address: `${KG}赤松601番地`,
    since: '2016-09-01',
    previousAddress: '兵庫県佐用郡佐用町佐用1234番地',
  },
  { key: 'yoshida', municipality: KAMIGORI, address: `${KG}上郡1888番地`, since: '2012-02-14' },
  {
    key: 'kamigori-jiro',
    municipality: AIOI,
    address: `${AO}那波本町5番12号`,
    since: '2011-04-01',
    previousAddress: `${KG}大持278番地`,
  },
  {
    key: 'matsumoto',
    municipality: AIOI,
    address: `${AO}垣内町3番8号`,
    since: '2020-08-01',
    previousAddress: `${KG}鞍居77番地`,
  },
  {
    key: 'yamamoto',
    municipality: AIOI,
    address: `${AO}大島町1番21号`,
    since: '2017-01-15',
    previousAddress: `${KG}野桑340番地`,
  },
  {
    key: 'kobayashi',
    municipality: AIOI,
    address: `${AO}菅原町9番3号`,
    since: '2014-06-30',
    previousAddress: `${KG}船坂15番地`,
  },
];

export const KOSEKI: DemoKoseki[] = [
  { key: 'kamigori', honseki: `${KG}大持278番地`, hittosha: '上郡 太郎', created: '2002-06-01' },
  { key: 'kamigori-sakura', honseki: `${KG}大持278番地`, hittosha: '上郡 さくら', created: '2024-04-01' },
  {
    key: 'akamatsu',
    honseki: `${KG}赤松1500番地`,
    hittosha: '赤松 正雄',
    created: '1985-05-05',
    others: [
      { name: '赤松 正雄', kana: 'アカマツ マサオ', birth: '1958-02-11', sex: '男' },
      { name: '赤松 和子', kana: 'アカマツ カズコ', birth: '1960-10-30', sex: '女', relationship: '妻' },
    ],
  },
  { key: 'takemoto', honseki: `${KG}竹万1021番地`, hittosha: '竹本 進', created: '1990-10-10' },
  { key: 'nitta', honseki: `${KG}山野里2345番地の1`, hittosha: '新田 真一', created: '2015-05-20' },
  { key: 'inoue', honseki: `${KG}井上56番地`, hittosha: '井上 恵', created: '2018-03-01' },
  { key: 'okada', honseki: `${KG}岩木甲800番地`, hittosha: '岡田 修', created: '2001-07-07' },
  { key: 'mori', honseki: `${KG}与井402番地`, hittosha: '森 和夫', created: '1982-03-21' },
  { key: 'takada', honseki: `${KG}苔縄12番地`, hittosha: '高田 茂', created: '1972-11-03' },
  { key: 'yoshida', honseki: `${KG}上郡1888番地`, hittosha: '𠮷田 優子', created: '2012-02-14' },
  { key: 'kamigori-jiro', honseki: `${KG}大持300番地`, hittosha: '上郡 次郎', created: '2008-10-10' },
  { key: 'matsumoto', honseki: `${KG}鞍居77番地`, hittosha: '松本 美咲', created: '2020-07-07' },
  { key: 'yamamoto', honseki: `${KG}野桑340番地`, hittosha: '山本 健太', created: '2016-12-24' },
  { key: 'kobayashi', honseki: `${KG}船坂15番地`, hittosha: '小林 浩', created: '2009-09-09' },
];

import { describe, expect, it } from 'vitest';
import { readXml } from '../../../src/admin/spreadsheets/xlsx/xml-reader.js';
import { readXlsx } from '../../../src/admin/spreadsheets/xlsx/xlsx-reader.js';
import { writeXlsx } from '../../../src/admin/spreadsheets/xlsx/xlsx-writer.js';

describe('XML reader', () => {
  it('reports elements without prefixes, attributes, decoded text and CDATA in order', () => {
    const events: string[] = [];
    readXml('<?xml version="1.0"?><!-- c --><x:a r:id=\'1\' b="&lt;&#x1EA1;&amp;"><b/>t&gt;<![CDATA[<raw>]]></x:a>', {
      open: (name, attributes) => events.push(`<${name} ${JSON.stringify(attributes)}>`),
      close: (name) => events.push(`</${name}>`),
      text: (text) => events.push(text),
    });
    expect(events).toEqual(['<a {"id":"1","b":"<ạ&"}>', '<b {}>', '</b>', 't>', '<raw>', '</a>']);
  });

  it.each([
    ['<a><b></a></b>', 'does not close'],
    ['<a>', 'never closed'],
    ['<a></a><b/>', 'second root'],
    ['<a>&nbsp;</a>', 'entity'],
    ['<a b=1/>', 'malformed start tag'],
    ['text<a/>', 'outside the root'],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'DOCTYPE'],
    ['', 'no root'],
  ])('refuses %s', (xml, message) => {
    expect(() => readXml(xml, {})).toThrow(message);
  });
});

describe('xlsx writer and reader', () => {
  it('round-trips text cells, control characters and literal "_xHHHH_" included, row numbers and columns', () => {
    const rows = [['a & <b>', 'tab\there, bell\u0007'], ['_x0041_ stays', 'Tiếng Việt có dấu'], ['', 'only B']];
    const [sheet] = readXlsx(writeXlsx([{ name: 'Trang 1', columns: [{ header: 'A', width: 10 }, { header: 'B', width: 10 }], rows }]));
    expect(sheet!.name).toBe('Trang 1');
    expect(sheet!.rows.map((r) => [r.number, r.cells.map((c) => (c?.kind === 'text' ? c.text : c))])).toEqual([
      [1, ['A', 'B']],
      [2, rows[0]],
      [3, rows[1]],
      [4, ['', 'only B']],
    ]);
  });
});

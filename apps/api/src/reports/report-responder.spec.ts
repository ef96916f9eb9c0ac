import { compileNetworkReport, DEFAULT_TEXT_LANGUAGES } from '@pact/domain';
import { networkInput } from '@pact/domain/testing/network-report-fixture';
import { shippedCatalogs } from '@pact/domain/testing/shipped-texts';
import { StreamableFile } from '@nestjs/common';
import type { PactConfig } from '@pact/engine';
import type { Response } from 'express';
import { ReportResponder } from './report-responder';
import type { ReportPdfService } from './report-pdf.service';

/** A response double recording what the responder sets. */
interface ResponseDouble {
  headers: Record<string, string>;
  vary: jest.Mock;
  setHeader: jest.Mock<ResponseDouble, [string, string]>;
  type: jest.Mock<ResponseDouble, [string]>;
  attachment: jest.Mock<ResponseDouble, [string]>;
}

function response(): ResponseDouble {
  const headers: Record<string, string> = {};
  const res: ResponseDouble = {
    headers,
    vary: jest.fn(),
    setHeader: jest.fn((k: string, v: string) => ((headers[k.toLowerCase()] = v), res)),
    type: jest.fn((t: string) => ((headers['content-type'] = t), res)),
    attachment: jest.fn((name: string) => ((headers['content-disposition'] = `attachment; filename="${name}"`), res)),
  };
  return res;
}

describe('ReportResponder.sendNetwork', () => {
  const network = compileNetworkReport(networkInput());
  const pdf = { render: jest.fn(async (html: string) => Buffer.from(`%PDF-${html.length}`)) };
  const responder = new ReportResponder(
    pdf as unknown as ReportPdfService,
    { languages: DEFAULT_TEXT_LANGUAGES } as unknown as PactConfig,
    shippedCatalogs('reports'),
  );
  const send = (format: 'json' | 'html' | 'csv' | 'markdown' | 'pdf', language = 'en', options = {}) => {
    const res = response();
    return responder.sendNetwork(res as unknown as Response, network, format, 'network-report-c1-survey', language, options).then((body) => ({ res, body }));
  };

  it('serves each format with its type, marked as a network report in the reader’s language', async () => {
    const html = await send('html', 'de');
    expect(html.res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-language': 'de', 'x-report-kind': 'network' });
    expect(html.res.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(html.body).toContain('<html lang="de">');
    expect(html.body).toContain('<svg class="stacked-bar"');
    const csv = await send('csv');
    expect(csv.res.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="network-report-c1-survey.csv"',
    });
    expect(String(csv.body).split('\n')[0]).toContain('city');
    const md = await send('markdown', 'fr');
    expect(md.res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(String(md.body)).toMatch(/^# /);
    const printed = await send('pdf');
    expect(printed.body).toBeInstanceOf(StreamableFile);
    expect(pdf.render).toHaveBeenCalledWith(expect.stringContaining('<!doctype html>'), expect.any(String));
  });

  it('live JSON in the reader’s language; a published version’s JSON exactly as frozen, with its edition in the other formats', async () => {
    const live = (await send('json', 'de')).body as { roles: { title: unknown }[] };
    expect(typeof live.roles[0].title).toBe('string');
    const frozen = JSON.stringify(network);
    expect((await send('json', 'de', { json: frozen })).body).toBe(frozen);
    const edition = { version: 3, publishedAt: new Date('2030-06-02T10:00:00Z') };
    expect((await send('html', 'en', { edition })).body).toContain('class="edition"');
  });
});

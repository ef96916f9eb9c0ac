import { Inject, Injectable, NotAcceptableException, StreamableFile } from '@nestjs/common';
import {
  Catalogs,
  editionLine,
  ImplementationReport,
  inLanguage,
  NetworkReport,
  networkEditionLine,
  networkReportToCsv,
  networkReportToHtml,
  networkReportToMarkdown,
  NetworkWords,
  networkWordsIn,
  RenderOptions,
  reportToCsv,
  reportToHtml,
  reportToMarkdown,
  ReportWords,
  reportWordsIn,
} from '@pact/domain';
import { PACT_CONFIG, PactConfig, REPORT_CATALOGS } from '@pact/engine';
import type { Request, Response } from 'express';
import { REPORT_FORMATS } from '../cycles/cycle.dto';
import { ReportPdfService } from './report-pdf.service';

export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The media types a report is served as, by format. */
export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  markdown: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
  pdf: 'application/pdf',
};

/**
 * The report page has no script and loads nothing: its styles are inline and its charts are
 * inline SVG. It gets this policy instead of the global one (which allows inline script for
 * the API docs and the queue dashboard), so text that ever slipped through escaping still
 * could not run, load, frame or submit anything.
 */
export const REPORT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Serves a report in the format asked for by ?format= or the Accept header: JSON, Markdown,
 * a standalone HTML page, CSV, or that same HTML page printed to an A4 PDF.
 */
@Injectable()
export class ReportResponder {
  constructor(
    private readonly pdf: ReportPdfService,
    @Inject(PACT_CONFIG) private readonly pact: PactConfig,
    @Inject(REPORT_CATALOGS) private readonly catalogs: Catalogs,
  ) {}

  /** The report's own words (headings, states, sentences) in `language`, for a page that shows a report's body. */
  words(language: string): ReportWords {
    return reportWordsIn(this.catalogs, language);
  }

  /** The network report's words (`network.*`) in `language`, for a page that shows a round's network report. */
  networkWords(language: string): NetworkWords {
    return networkWordsIn(this.catalogs, language);
  }

  format(req: Request, explicit?: ReportFormat): ReportFormat {
    if (explicit) return explicit;
    const byType = Object.fromEntries(Object.entries(REPORT_MEDIA_TYPES).map(([f, t]) => [t, f as ReportFormat]));
    const accepted = req.accepts(Object.keys(byType));
    if (!accepted) throw new NotAcceptableException(`the report is available as ${Object.values(REPORT_MEDIA_TYPES).join(', ')}`);
    return byType[accepted];
  }

  /**
   * `json`, when given, is the report's exact JSON text (a published version), sent as is (with
   * every wording of its texts from configuration); every other format reads in `language`.
   * Returns what the controller hands back to Nest (passthrough response).
   */
  async send(
    res: Response,
    stored: ImplementationReport,
    format: ReportFormat,
    name: string,
    language: string,
    options: Omit<RenderOptions, 'words'> & { json?: string } = {},
  ): Promise<unknown> {
    res.vary('Accept');
    const report = inLanguage(stored, language, this.pact.languages.fallback);
    const words = this.words(language);
    const rendering = { ...options, words };
    res.setHeader('Content-Language', language);
    switch (format) {
      case 'markdown':
        res.type('text/markdown; charset=utf-8');
        return reportToMarkdown(report, rendering);
      case 'html':
        res.type('text/html; charset=utf-8').setHeader('Content-Security-Policy', REPORT_PAGE_CSP);
        return reportToHtml(report, rendering);
      case 'csv':
        res.type('text/csv; charset=utf-8').attachment(`${name}.csv`);
        return reportToCsv(report, words);
      case 'pdf': {
        const edition = options.edition ? `, ${editionLine(rendering)}` : '';
        const pdf = await this.pdf.render(reportToHtml(report, rendering), `${report.cycleName}: ${report.milestoneTitle}${edition}`);
        return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${name}.pdf"`, length: pdf.length });
      }
      default:
        if (options.json !== undefined) {
          res.type('application/json; charset=utf-8');
          return options.json;
        }
        return report;
    }
  }

  /**
   * A questionnaire round's network report in `format`, as `send` serves an implementation report:
   * `json`, when given, is a published version's exact text; every other format (live JSON too) reads in `language`
   * (texts from configuration by `inLanguage`, the report's own words by `networkWordsIn`).
   */
  async sendNetwork(
    res: Response,
    stored: NetworkReport,
    format: ReportFormat,
    name: string,
    language: string,
    options: { edition?: { version: number; publishedAt: Date | string; publishedBy?: string }; json?: string } = {},
  ): Promise<unknown> {
    res.vary('Accept');
    res.setHeader('X-Report-Kind', 'network');
    const report = inLanguage(stored, language, this.pact.languages.fallback);
    const words = this.networkWords(language);
    const rendering = { ...(options.edition ? { edition: options.edition } : {}), words };
    res.setHeader('Content-Language', language);
    switch (format) {
      case 'markdown':
        res.type('text/markdown; charset=utf-8');
        return networkReportToMarkdown(report, rendering);
      case 'html':
        res.type('text/html; charset=utf-8').setHeader('Content-Security-Policy', REPORT_PAGE_CSP);
        return networkReportToHtml(report, rendering);
      case 'csv':
        res.type('text/csv; charset=utf-8').attachment(`${name}.csv`);
        return networkReportToCsv(report, words);
      case 'pdf': {
        const edition = options.edition ? `, ${networkEditionLine(rendering)}` : '';
        const pdf = await this.pdf.render(networkReportToHtml(report, rendering), `${words.title(report.cycle.name)}${edition}`);
        return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${name}.pdf"`, length: pdf.length });
      }
      default:
        if (options.json !== undefined) {
          res.type('application/json; charset=utf-8');
          return options.json;
        }
        return report;
    }
  }
}

import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';

/** The one file of a multipart/form-data upload, as it streams in. */
export interface IncomingFile {
  /** The name the client gave (only a suggestion: the engine makes it safe). */
  name: string;
  body: Readable;
}

/** The multipart field an evidence file is sent in. */
export const FILE_FIELD = 'file';

/**
 * Hands the request's file (field `file`) to `handle` as a stream, while it arrives: no file is
 * held in memory or spooled to a temporary file here. Other fields are ignored; a second file
 * is refused. A connection that closes before the body is complete fails the stream, so
 * `handle` (the engine) deletes what it wrote. Once `handle` settles, whatever is left of the
 * body is read and dropped, so the answer reaches the client on an orderly connection.
 */
export function withUploadedFile<T>(req: Request, maxBytes: number, handle: (file: IncomingFile) => Promise<T>): Promise<T> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new UnsupportedMediaTypeException(
        `content-type: expected multipart/form-data with the file in the field "${FILE_FIELD}", got ${req.headers['content-type'] ?? 'none'}`,
      ),
    );
  }
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // One byte over the limit reaches the engine, which then refuses it naming the limit.
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes + 1, fields: 20, fieldSize: 1024, parts: 21 } });
    } catch (err) {
      return reject(new BadRequestException(`body: not a readable multipart/form-data body (${(err as Error).message})`));
    }
    let file: Readable | undefined;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume();
      fn();
    };
    req.on('close', () => {
      if (!req.complete) file?.destroy(new Error('the connection closed before the upload was complete'));
    });
    parser.on('file', (field, stream, info) => {
      if (field !== FILE_FIELD || file) {
        stream.resume();
        if (file) settle(() => reject(new BadRequestException(`${FILE_FIELD}: one file per upload`)));
        return;
      }
      file = stream;
      handle({ name: info.filename ?? '', body: stream }).then(
        (value) => settle(() => resolve(value)),
        (err: unknown) => settle(() => reject(err)),
      );
    });
    parser.on('error', (err: Error) => {
      const problem = new BadRequestException(`body: not a readable multipart/form-data body (${err.message})`);
      if (file) file.destroy(problem);
      else settle(() => reject(problem));
    });
    parser.on('close', () => {
      if (!file) settle(() => reject(new BadRequestException(`${FILE_FIELD}: missing; send the file as the multipart/form-data field "${FILE_FIELD}"`)));
    });
    req.pipe(parser);
  });
}

import { Module } from '@nestjs/common';
import { EngineSettings } from '../config/settings';
import { AcceptingScanner, EVIDENCE_SCANNER } from './evidence-scanner';
import { EVIDENCE_STORAGE, FileSystemEvidenceStorage } from './evidence-storage';
import { EvidenceFileService } from './evidence-file.service';

/**
 * Evidence files: the service, the storage of bodies (a folder, EVIDENCE_FILES_DIR) and the
 * virus-scan hook (accepting by default; override EVIDENCE_SCANNER to plug ClamAV).
 */
@Module({
  providers: [
    EvidenceFileService,
    { provide: EVIDENCE_STORAGE, inject: [EngineSettings], useFactory: (s: EngineSettings) => new FileSystemEvidenceStorage(s.evidence.filesDir) },
    { provide: EVIDENCE_SCANNER, useClass: AcceptingScanner },
  ],
  exports: [EvidenceFileService],
})
export class EvidenceFilesModule {}

export * from './claim-candidate.entity';
export * from './dto/accept-candidate.dto';
export * from './dto/ingest-source.dto';
export * from './dto/ingestion.view';
export * from './extract-candidates';
export * from './ingestion.module';
export * from './ingestion.service';
export * from './source-document.entity';
export { guessLanguage, SUPPORTED_LANGUAGES } from './extraction/language';

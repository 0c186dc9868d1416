import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VERDICTS, type Verdict } from '@claimdesk/workflow';

export class PublishedActorView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Sergei Lavrov' })
  name: string;

  @ApiProperty({ example: 'person' })
  kind: string;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ type: String, nullable: true })
  country: string | null;
}

export class PublishedStanceView {
  @ApiProperty({ example: 'asserted' })
  type: string;

  @ApiProperty({ type: String, nullable: true })
  quote: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  statedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  sourceUrl: string | null;

  @ApiProperty({
    type: PublishedActorView,
    description: 'The actor as they were when the version was published.',
  })
  actor: PublishedActorView;
}

export class PublishedEvidenceView {
  @ApiProperty({ example: 'official_statement' })
  kind: string;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: String, nullable: true })
  url: string | null;

  @ApiProperty({ example: 'refutes' })
  relation: string;

  @ApiProperty({ type: String, nullable: true, example: 'high' })
  reliability: string | null;
}

export class PublishedAppearanceView {
  @ApiProperty({ example: 'https://news.example.org/2022/05/06/briefing' })
  url: string;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;

  @ApiProperty({ type: String, nullable: true })
  outlet: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt: string | null;
}

export class PublishedCorrectionView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: "Correction: Bosnia's denial date was wrong",
    description: 'The reason given when the previous version was reopened.',
  })
  reason: string | null;

  @ApiProperty({ enum: VERDICTS })
  previousVerdict: Verdict;

  @ApiProperty({ type: Number, nullable: true })
  previousRating: number | null;

  @ApiProperty({ format: 'date-time' })
  previousPublishedAt: string;
}

export class DeskPersonView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

/** One published version of a fact-check, as it was published; never changed afterwards. */
export class PublishedVersionView {
  @ApiProperty({ example: 1, description: '1 for the first publication, then one more per correction.' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ example: 'en', description: 'The language of the claim text.' })
  language: string;

  @ApiProperty({ description: 'The claim text as published.' })
  text: string;

  @ApiProperty({ description: 'The review summary as published.' })
  summary: string;

  @ApiProperty({ enum: VERDICTS })
  verdict: Verdict;

  @ApiProperty({ type: Number, nullable: true, description: '7 (true) … 1 (false); null for `unproven`.' })
  rating: number | null;

  @ApiProperty({ example: 'debunked' })
  evidenceStatus: string;

  @ApiProperty({ type: [PublishedStanceView] })
  stances: PublishedStanceView[];

  @ApiProperty({ type: [PublishedEvidenceView] })
  evidence: PublishedEvidenceView[];

  @ApiProperty({
    type: [PublishedAppearanceView],
    description: 'Where the claim appeared: its source, then the sources of stances that made or spread it.',
  })
  appearances: PublishedAppearanceView[];

  @ApiProperty({
    type: PublishedCorrectionView,
    nullable: true,
    description: 'Set on every version after the first: what it corrected and why.',
  })
  correction: PublishedCorrectionView | null;

  @ApiPropertyOptional({ type: DeskPersonView, description: 'Desk staff only.' })
  submittedBy?: DeskPersonView;

  @ApiPropertyOptional({ type: DeskPersonView, description: 'Desk staff only: the editor who published it.' })
  approvedBy?: DeskPersonView;
}

export class PublishedVersionPage {
  @ApiProperty({ type: [PublishedVersionView], description: 'Oldest first.' })
  items: PublishedVersionView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor: string | null;
}

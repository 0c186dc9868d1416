import { ApiProperty } from '@nestjs/swagger';

/** A member of the desk as a note shows them. */
export class NoteUserView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ana_lucic' })
  handle: string;

  @ApiProperty({ example: 'Ana Lučić' })
  name: string;
}

export class NoteView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  claimId: string;

  @ApiProperty({ type: NoteUserView })
  author: NoteUserView;

  @ApiProperty()
  body: string;

  @ApiProperty({
    type: [NoteUserView],
    description: 'The active users the note mentions, in the order they first appear; never the author.',
  })
  mentions: NoteUserView[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class NotePage {
  @ApiProperty({ type: [NoteView], description: 'Oldest first.' })
  items: NoteView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor: string | null;
}

export * from './dto/create-note.dto';
export * from './dto/note.view';
export * from './mentions';
export * from './note.entity';
export * from './notes.module';
export * from './notes.service';

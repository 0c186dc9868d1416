export * from './actor.entity';
export * from './actors.module';
export * from './actors.service';
export * from './dto/actor.view';
export * from './dto/create-actor.dto';
export * from './dto/list-actors-query.dto';

import { Module } from '@nestjs/common';
import { ActorsModule } from '@claimdesk/actors';
import { ActorsController } from './actors.controller';

@Module({ imports: [ActorsModule], controllers: [ActorsController] })
export class ActorsApiModule {}

import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_STREAM_TOKEN = 'claimdesk:accepts-stream-token';

/**
 * The route also accepts a short-lived stream token in `?token=` (browsers' EventSource cannot
 * send an Authorization header). Only routes marked so accept it, and they accept no other token
 * in the URL, so long-lived credentials never end up in access logs.
 */
export const AcceptsStreamToken = () => SetMetadata(ACCEPTS_STREAM_TOKEN, true);

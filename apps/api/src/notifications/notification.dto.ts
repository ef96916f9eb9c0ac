import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsMongoId, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { KEY_PATTERN, MESSAGE_KINDS, MessageKind, NOTIFICATION_KINDS, NotificationKind } from '@pact/domain';
import { SingleLineText } from '../http/validation';

export class CreateWebhookDto {
  /** Where the signed JSON events are POSTed. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url: string;

  /** group: a working group's events; user: what is addressed to one person; network: everything (committee only). */
  @IsIn(['group', 'user', 'network']) scope: 'group' | 'user' | 'network';

  @IsOptional() @Matches(KEY_PATTERN, { message: 'groupKey must be a working group key' }) groupKey?: string;

  /** With scope "user": whose messages (default: the caller). */
  @IsOptional() @IsMongoId() userId?: string;

  /** Only these kinds (default: all). */
  @IsOptional() @IsArray() @ArrayMaxSize(NOTIFICATION_KINDS.length) @ArrayUnique() @IsIn(NOTIFICATION_KINDS, { each: true }) kinds?: NotificationKind[];

  /** A label shown in lists of subscriptions: one line. */
  @IsOptional() @IsString() @SingleLineText() @MaxLength(500) description?: string;
}

export class WebhookListQuery {
  @IsOptional() @IsIn(['active', 'paused', 'disabled']) status?: 'active' | 'paused' | 'disabled';
}

export class DeliveryListQuery {
  @IsOptional() @IsIn(['queued', 'delivered', 'logged', 'failed', 'held']) status?: 'queued' | 'delivered' | 'logged' | 'failed' | 'held';
  @IsOptional() @IsIn(['email', 'webhook']) channel?: 'email' | 'webhook';
  /** Any kind of message, sign-in links (personal, never webhooks) included. */
  @IsOptional() @IsIn(MESSAGE_KINDS) kind?: MessageKind;
  @IsOptional() @IsMongoId() cycleId?: string;
  @IsOptional() @IsMongoId() taskId?: string;
  @IsOptional() @Matches(KEY_PATTERN) groupKey?: string;
  @IsOptional() @IsMongoId() subscriptionId?: string;
  @IsOptional() @IsString() @MaxLength(2000) recipient?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) skip?: number;
}

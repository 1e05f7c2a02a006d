/**
 * Answering one interaction, whichever way it arrived. The first answer (a reply, a deferral,
 * autocomplete choices) goes through `acknowledge`: a REST callback for gateway interactions, the
 * HTTP response for interactions over HTTP. Everything after it (editing the deferred reply,
 * deleting it, following up) goes over REST on the interaction's webhook, which needs no bot
 * token and works from any replica for 15 minutes.
 */
import {
  type APIApplicationCommandOptionChoice,
  type APIInteractionResponse,
  InteractionResponseType,
  MessageFlags,
  type REST,
  Routes,
} from "discord.js";
import type { IncomingInteraction } from "./payload.ts";
import type { DiscordMessage } from "./render.ts";

/** Sends the interaction's first answer; resolves once it is on its way. */
export type Acknowledge = (response: APIInteractionResponse) => Promise<void>;

/** A message body as both the first answer and an edit accept it. */
export type MessageBody = Partial<DiscordMessage> & Pick<DiscordMessage, "allowed_mentions">;

const ephemeralFlags = (ephemeral: boolean) => (ephemeral ? { flags: MessageFlags.Ephemeral } : {});

export class Responder {
  /** The first answer was a deferral ("thinking…"). */
  deferred = false;
  /** A message answer was given (a reply, or an edit of the deferral). */
  replied = false;
  /** Any first answer was sent: a second one would be refused. */
  acknowledged = false;

  constructor(
    private readonly interaction: Pick<IncomingInteraction, "applicationId" | "token">,
    private readonly acknowledge: Acknowledge,
    private readonly rest: REST,
  ) {}

  private async first(response: APIInteractionResponse): Promise<void> {
    await this.acknowledge(response);
    this.acknowledged = true;
  }

  async reply(body: MessageBody, ephemeral: boolean): Promise<void> {
    await this.first({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { ...body, ...ephemeralFlags(ephemeral) },
    });
    this.replied = true;
  }

  async defer(ephemeral: boolean): Promise<void> {
    await this.first({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: ephemeralFlags(ephemeral),
    });
    this.deferred = true;
  }

  async choices(choices: APIApplicationCommandOptionChoice[]): Promise<void> {
    await this.first({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices },
    });
  }

  private original() {
    return Routes.webhookMessage(this.interaction.applicationId, this.interaction.token);
  }

  async editReply(body: MessageBody): Promise<void> {
    await this.rest.patch(this.original(), { body, auth: false });
    this.replied = true;
  }

  async deleteReply(): Promise<void> {
    await this.rest.delete(this.original(), { auth: false });
  }

  async followUp(body: MessageBody, ephemeral: boolean): Promise<void> {
    await this.rest.post(Routes.webhook(this.interaction.applicationId, this.interaction.token), {
      body: { ...body, ...ephemeralFlags(ephemeral) },
      auth: false,
    });
  }
}

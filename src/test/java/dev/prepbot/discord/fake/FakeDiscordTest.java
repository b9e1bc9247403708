package dev.prepbot.discord.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.junit.jupiter.api.Test;

/** The fake refuses what Discord refuses, seen through a bare JDA client with a hand-written listener. */
class FakeDiscordTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static JDA connect(FakeDiscord discord, Consumer<SlashCommandInteractionEvent> onSlash) throws Exception {
        JDA jda = JDABuilder.createLight("fake-token", EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(discord.restBaseUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return discord.gatewayUrl();
                    }
                })
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false)
                .addEventListeners(new ListenerAdapter() {
                    @Override
                    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                        onSlash.accept(event);
                    }
                })
                .build();
        jda.awaitReady();
        return jda;
    }

    private static void shutdown(JDA jda) throws InterruptedException {
        jda.shutdownNow();
        jda.awaitShutdown(Duration.ofSeconds(5));
    }

    @Test
    void aSecondAcknowledgementIsRefused() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            JDA jda = connect(discord, e -> e.deferReply().queue());
            try {
                var interaction = discord.slash(World.ADA, World.GENERAL, "ping", Map.of());
                assertEquals(5, discord.awaitCallback(interaction, WAIT).type());
                // JDA guards against a second acknowledgement itself; a second process for the same bot does not.
                var second = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(discord.restBaseUrl() + "interactions/" + interaction.id() + "/"
                                        + interaction.token() + "/callback"))
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":4,\"data\":{\"content\":\"again\"}}"))
                                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(400, second.statusCode());
                assertTrue(second.body().contains("40060"), second.body());
                assertEquals(List.of("interaction " + interaction.id() + " acknowledged twice"), discord.violations());
            } finally {
                shutdown(jda);
            }
        }
    }

    @Test
    void aLateAcknowledgementIsRefusedAndRecorded() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start(Duration.ofMillis(200))) {
            JDA jda = connect(discord, e -> {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                e.reply("late").queue(null, failure -> { });
            });
            try {
                discord.slash(World.ADA, World.GENERAL, "ping", Map.of());
                discord.awaitTrue(() -> !discord.violations().isEmpty(), WAIT, "the late callback is refused");
                assertTrue(discord.violations().get(0).contains("acknowledged after"), discord.violations().toString());
            } finally {
                shutdown(jda);
            }
        }
    }

    @Test
    void messagesOverDiscordsLimitsAreRefusedAndRecorded() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            JDA jda = connect(discord, e -> e.replyEmbeds(new EmbedBuilder().setDescription("x".repeat(4_096)).build(),
                    new EmbedBuilder().setDescription("y".repeat(4_096)).build()).queue(null, failure -> { }));
            try {
                discord.slash(World.ADA, World.GENERAL, "ping", Map.of());
                discord.awaitTrue(() -> !discord.violations().isEmpty(), WAIT, "the oversized reply is refused");
                assertTrue(discord.violations().get(0).contains("embeds total 8192 characters (max 6000)"),
                        discord.violations().toString());
            } finally {
                shutdown(jda);
            }
        }
    }

    @Test
    void aMessageThatCouldPingIsFlaggedUnlessMentionsAreOff() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            JDA jda = connect(discord, e -> {
                if (e.getOption("safe") != null) {
                    e.reply("@everyone hello").setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).queue();
                } else {
                    e.reply("@everyone hello").setAllowedMentions(EnumSet.of(Message.MentionType.EVERYONE)).queue();
                }
            });
            try {
                discord.awaitReply(discord.slash(World.ADA, World.GENERAL, "ping", Map.of("safe", true)), WAIT);
                assertEquals(List.of(), discord.pings());
                discord.awaitReply(discord.slash(World.ADA, World.GENERAL, "ping", Map.of()), WAIT);
                assertEquals(1, discord.pings().size());
            } finally {
                shutdown(jda);
            }
        }
    }
}

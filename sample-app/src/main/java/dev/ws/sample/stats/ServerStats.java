package dev.ws.sample.stats;

/**
 * One tick of the {@code /stats} stream, sent as JSON to every subscriber once a second.
 *
 * @param tick         sequence number, from 1, one per second the publisher ran
 * @param time         when it was taken, epoch milliseconds
 * @param uptimeMillis how long the JVM has run
 * @param sessions     open sessions of the annotated endpoints (chat, echo, stats)
 * @param chatRooms    rooms with at least one member
 * @param chatMembers  sessions in a chat room
 * @param heapUsed     heap in use, bytes
 * @param heapMax      heap limit, bytes (-1 when undefined)
 * @param threads      live platform threads (virtual threads are not counted by the JVM)
 * @param cpu          the process's recent CPU load, 0 to 1 over all cores, or -1 when unknown
 */
public record ServerStats(long tick, long time, long uptimeMillis, int sessions, int chatRooms, int chatMembers,
        long heapUsed, long heapMax, int threads, double cpu) {
}

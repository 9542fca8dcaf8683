package dev.ws.bench.load; public final class Main { public static void main(String[] a) {} }

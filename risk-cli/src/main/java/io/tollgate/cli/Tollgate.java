package io.tollgate.cli;
public class Tollgate { public static void main(String[] a) {} }

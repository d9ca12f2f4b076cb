/** The example HTTP service built on the fetchplan library; its endpoints arrive with the example-app issue. */
package dev.fetchplan.example;

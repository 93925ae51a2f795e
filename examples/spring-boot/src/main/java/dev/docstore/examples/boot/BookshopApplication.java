package dev.docstore.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A small bookshop whose caches are docstore caches: {@code application.yaml} points Spring's JCache support at
 * {@code docstore.yaml}, which configures the {@code books} cache with an index.
 */
@SpringBootApplication
@EnableCaching
public class BookshopApplication {
    public static void main(String[] args) {
        SpringApplication.run(BookshopApplication.class, args);
    }
}

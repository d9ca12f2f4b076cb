package com.example.blog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A blog service on fetchplan and Spring Boot: the blog API's beans, the N+1 guard on Boot's DSLContext and one
 * Micrometer observation per fetch all come from fetchplan-spring-boot-starter; this service only adds its endpoints.
 */
@SpringBootApplication
public class BlogApplication {

    public static void main(String[] args) {
        SpringApplication.run(BlogApplication.class, args);
    }
}

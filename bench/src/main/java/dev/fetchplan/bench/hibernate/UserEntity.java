package dev.fetchplan.bench.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A row of {@code users}, with its posts newest first ({@code created_at DESC, id DESC}), loaded lazily unless
 * a query fetches them. The posts are a {@link Set} so that one query may JOIN FETCH posts and their comments
 * together (see {@link JoinFetchLoader}); Hibernate keeps an {@code @OrderBy} set in a {@link LinkedHashSet},
 * in the order of the rows.
 */
@Entity
@Table(name = "users")
class UserEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String email;

    @Column(name = "created_at")
    private Instant createdAt;

    @OneToMany(mappedBy = "user")
    @OrderBy("createdAt DESC, id DESC")
    private Set<PostEntity> posts = new LinkedHashSet<>();

    protected UserEntity() {
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getEmail() {
        return email;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Set<PostEntity> getPosts() {
        return posts;
    }
}

package dev.fetchplan.bench.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A row of {@code posts}, with its comments oldest first ({@code created_at, id}), loaded lazily unless a
 * query fetches them. {@code body} is not mapped: no result shape reads it.
 */
@Entity
@Table(name = "posts")
class PostEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private UserEntity user;

    private String title;

    @Column(name = "created_at")
    private Instant createdAt;

    @OneToMany(mappedBy = "post")
    @OrderBy("createdAt ASC, id ASC")
    private Set<CommentEntity> comments = new LinkedHashSet<>();

    protected PostEntity() {
    }

    Long getId() {
        return id;
    }

    String getTitle() {
        return title;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Set<CommentEntity> getComments() {
        return comments;
    }
}
